import { Box, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { refBaru, removeAt, replaceAt } from './definisi';
import { RefEditor } from './RefEditor';
import type { KosakataEntri, RefData } from './types';

/**
 * A step's guards or effects: the ones chosen, each with its params form, and a picker of every
 * kind in the vocabulary to add another. An emptied list is sent as absent.
 */
export const RefListEditor = ({
  name,
  judul,
  kosakata,
  value,
  onChange,
}: {
  name: string;
  judul: string;
  kosakata: KosakataEntri[];
  value: RefData[] | undefined;
  onChange: (value: RefData[] | undefined) => void;
}) => {
  const refs = value ?? [];
  const set = (next: RefData[]) => onChange(next.length > 0 ? next : undefined);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">{judul}</Typography>
      {refs.map((ref, index) => (
        <RefEditor
          key={`${index}-${ref.type}`}
          name={`${name}.${index}`}
          value={ref}
          entri={kosakata.find((entri) => entri.type === ref.type)}
          onChange={(next) => set(replaceAt(refs, index, next))}
          onRemove={() => set(removeAt(refs, index))}
        />
      ))}
      <Box>
        <SingleSelect
          aria-label={`Tambah ${judul.toLowerCase()}`}
          placeholder={`Tambah ${judul.toLowerCase()}…`}
          value=""
          onChange={(type) => {
            const entri = kosakata.find((one) => one.type === type);
            if (entri) set([...refs, refBaru(entri.type, entri.params)]);
          }}
        >
          {kosakata.map((entri) => (
            <SingleSelectOption key={entri.type} value={entri.type}>
              {entri.describe ? `${entri.type} — ${entri.describe}` : entri.type}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Box>
    </Flex>
  );
};
