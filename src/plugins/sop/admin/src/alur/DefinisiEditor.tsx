import { Box, Flex } from '@strapi/design-system';
import { HeaderFields } from './HeaderFields';
import { StatesTable } from './StatesTable';
import { TransitionsEditor } from './TransitionsEditor';
import type { Kosakata, WorkflowData } from './types';

/**
 * The form of a whole definition: title and initial state, the states table, and every step.
 * `readOnly` (an active or retired version) disables every input: only a draft is edited.
 */
export const DefinisiEditor = ({
  value,
  kosakata,
  readOnly,
  onChange,
}: {
  value: WorkflowData;
  kosakata: Kosakata;
  readOnly: boolean;
  onChange: (value: WorkflowData) => void;
}) => (
  <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
        <HeaderFields value={value} onChange={onChange} />
      </Box>
      <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
        <StatesTable value={value.states} onChange={(states) => onChange({ ...value, states })} />
      </Box>
      <TransitionsEditor definisi={value} kosakata={kosakata} onChange={(transitions) => onChange({ ...value, transitions })} />
    </Flex>
  </fieldset>
);
