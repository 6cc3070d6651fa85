import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { moveAt, removeAt, replaceAt, transisiBaru } from './definisi';
import { TransitionEditor } from './TransitionEditor';
import type { Kosakata, TransitionData, WorkflowData } from './types';

/** Every step of the workflow, in SOP order, and "Tambah langkah". */
export const TransitionsEditor = ({
  definisi,
  kosakata,
  onChange,
}: {
  definisi: WorkflowData;
  kosakata: Kosakata;
  onChange: (transitions: TransitionData[]) => void;
}) => {
  const list = definisi.transitions;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="beta" tag="h2">
        Langkah (transisi)
      </Typography>
      {list.map((transition, index) => (
        <TransitionEditor
          key={index}
          index={index}
          value={transition}
          definisi={definisi}
          kosakata={kosakata}
          onChange={(next) => onChange(replaceAt(list, index, next))}
          onRemove={() => onChange(removeAt(list, index))}
          onMove={(delta) => onChange(moveAt(list, index, delta))}
        />
      ))}
      <Box>
        <Button variant="secondary" startIcon={<Plus />} onClick={() => onChange([...list, transisiBaru(definisi)])}>
          Tambah langkah
        </Button>
      </Box>
    </Flex>
  );
};
