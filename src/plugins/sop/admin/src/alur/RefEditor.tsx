import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { JsonField } from './JsonField';
import { SkemaObjek } from './SkemaInput';
import type { KosakataEntri, RefData } from './types';

/**
 * One guard or effect of a step: its kind and description from the vocabulary and a form for its
 * params generated from their JSON Schema (JSON text when the schema is not an object). A kind
 * the vocabulary does not know is marked; the check lists it as an error too.
 */
export const RefEditor = ({
  name,
  value,
  entri,
  onChange,
  onRemove,
}: {
  name: string;
  value: RefData;
  entri: KosakataEntri | undefined;
  onChange: (value: RefData) => void;
  onRemove: () => void;
}) => {
  const setParams = (params: unknown) =>
    onChange(params === undefined ? { type: value.type } : { type: value.type, params: params as Record<string, unknown> });
  return (
    <Box padding={3} hasRadius background="neutral100" data-testid={`ref-${value.type}`}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography fontWeight="bold">{value.type}</Typography>
          {entri ? (
            entri.describe && (
              <Typography variant="pi" textColor="neutral600">
                {entri.describe}
              </Typography>
            )
          ) : (
            <Typography variant="pi" textColor="danger600">
              Tidak dikenal dalam kosakata SOP.
            </Typography>
          )}
        </Flex>
        <IconButton label={`Hapus ${value.type}`} variant="ghost" onClick={onRemove}>
          <Trash />
        </IconButton>
      </Flex>
      {entri?.params?.properties ? (
        <Box paddingTop={3}>
          <SkemaObjek name={`${name}.params`} schema={entri.params} value={value.params ?? {}} onChange={setParams} />
        </Box>
      ) : (
        (entri === undefined || entri.params !== null) && (
          <Box paddingTop={3}>
            <JsonField name={`${name}.params`} label="Parameter" value={value.params} onChange={setParams} />
          </Box>
        )
      )}
    </Box>
  );
};
