import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Beda } from './types';

const WARNA = {
  ditambah: { backgroundColor: 'success100', textColor: 'success700' },
  dihapus: { backgroundColor: 'danger100', textColor: 'danger700' },
  diubah: { backgroundColor: 'warning100', textColor: 'warning700' },
} as const;

const tampil = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** The differences between two versions as a table: added, removed or changed, where, before and after. */
export const BedaTabel = ({ beda }: { beda: Beda[] }) =>
  beda.length === 0 ? (
    <Typography>Kedua versi sama.</Typography>
  ) : (
    <Table colCount={5} rowCount={beda.length + 1} data-testid="alur-beda">
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">Perubahan</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Bagian</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Kunci</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Sebelum</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Sesudah</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {beda.map((item, index) => (
          <Tr key={index}>
            <Td>
              <Badge {...WARNA[item.jenis]}>{item.jenis}</Badge>
            </Td>
            <Td>
              <Typography>{item.bagian}</Typography>
            </Td>
            <Td>
              <Typography>{item.kunci}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal', wordBreak: 'break-word', maxWidth: 320 }}>
              <Typography variant="pi">{tampil(item.sebelum)}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal', wordBreak: 'break-word', maxWidth: 320 }}>
              <Typography variant="pi">{tampil(item.sesudah)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
