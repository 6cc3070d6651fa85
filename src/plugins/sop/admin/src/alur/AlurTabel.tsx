import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { StatusVersiBadge } from './StatusVersiBadge';
import type { AlurRingkas } from './types';

/** The workflows as a table: name (opens the editor), content type, active version, every version's status. */
export const AlurTabel = ({ alur }: { alur: AlurRingkas[] }) => (
  <Table colCount={4} rowCount={alur.length + 1} data-testid="alur-daftar">
    <Thead>
      <Tr>
        <Th>
          <Typography variant="sigma">Nama alur</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Jenis konten</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Versi aktif</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Versi</Typography>
        </Th>
      </Tr>
    </Thead>
    <Tbody>
      {alur.map((one) => (
        <Tr key={one.model}>
          <Td>
            <Link tag={NavLink} to={one.model}>
              {one.nama}
            </Link>
          </Td>
          <Td>
            <Typography>{one.uid}</Typography>
          </Td>
          <Td>
            <Typography>{one.versiAktif === null || one.versiAktif === undefined ? 'Belum ada' : `Versi ${one.versiAktif}`}</Typography>
          </Td>
          <Td>
            <Flex gap={2} wrap="wrap">
              {[...(one.versi ?? [])]
                .sort((a, b) => a.nomor - b.nomor)
                .map((versi) => (
                  <Flex key={versi.nomor} gap={1}>
                    <Typography variant="pi">v{versi.nomor}</Typography>
                    <StatusVersiBadge status={versi.status} />
                  </Flex>
                ))}
            </Flex>
          </Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);
