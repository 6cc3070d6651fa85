import {
  Box,
  Button,
  Checkbox,
  Flex,
  IconButton,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { moveAt, removeAt, replaceAt, withKey } from './definisi';
import type { StateData } from './types';

/**
 * The states (tahap) as a table: key (the value stored in the record's `tahap`), label, and
 * whether the state ends the workflow; rows can be added, moved and removed.
 */
export const StatesTable = ({ value, onChange }: { value: StateData[]; onChange: (value: StateData[]) => void }) => (
  <Flex direction="column" alignItems="stretch" gap={3}>
    <Typography variant="beta" tag="h2">
      Tahap
    </Typography>
    <Table colCount={4} rowCount={value.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">Kunci</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Label</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Akhir</Typography>
          </Th>
          <Th>
            <VisuallyHidden>Aksi</VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {value.map((state, index) => (
          <Tr key={index} data-testid="alur-tahap">
            <Td>
              <TextInput
                aria-label={`Kunci tahap ${index + 1}`}
                name={`states.${index}.key`}
                value={state.key}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(replaceAt(value, index, { ...state, key: event.target.value }))}
              />
            </Td>
            <Td>
              <TextInput
                aria-label={`Label tahap ${index + 1}`}
                name={`states.${index}.label`}
                value={state.label}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(replaceAt(value, index, { ...state, label: event.target.value }))}
              />
            </Td>
            <Td>
              <Checkbox
                aria-label={`Tahap ${index + 1} mengakhiri alur`}
                name={`states.${index}.final`}
                checked={state.final === true}
                onCheckedChange={(checked) => onChange(replaceAt(value, index, withKey(state, 'final', checked === true ? true : undefined)))}
              />
            </Td>
            <Td>
              <Flex gap={1}>
                <IconButton label={`Naikkan tahap ${index + 1}`} variant="ghost" onClick={() => onChange(moveAt(value, index, -1))}>
                  <ArrowUp />
                </IconButton>
                <IconButton label={`Turunkan tahap ${index + 1}`} variant="ghost" onClick={() => onChange(moveAt(value, index, 1))}>
                  <ArrowDown />
                </IconButton>
                <IconButton label={`Hapus tahap ${index + 1}`} variant="ghost" onClick={() => onChange(removeAt(value, index))}>
                  <Trash />
                </IconButton>
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
    <Box>
      <Button
        variant="secondary"
        startIcon={<Plus />}
        onClick={() => onChange([...value, { key: `tahap_${value.length + 1}`, label: 'Tahap baru' }])}
      >
        Tambah tahap
      </Button>
    </Box>
  </Flex>
);
