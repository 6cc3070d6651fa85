import * as React from 'react';
import { Checkbox, Flex, Typography } from '@strapi/design-system';
import type { FieldProps } from '../types';

/** A list of boxes to tick (`checklist`), e.g. stamp and envelopes before a salinan leaves. */
export const ChecklistField = ({ field, value, onChange }: FieldProps<Record<string, boolean>>) => {
  const items = field.items ?? [];
  const current: Record<string, boolean> = value ?? Object.fromEntries(items.map((item) => [item.name, false]));
  return (
    <Flex direction="column" alignItems="flex-start" gap={2} role="group" aria-label={field.label}>
      <Typography variant="sigma">{field.label}</Typography>
      {items.map((item) => (
        <Checkbox
          key={item.name}
          name={`${field.name}.${item.name}`}
          checked={current[item.name] === true}
          onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ ...current, [item.name]: checked === true })}
        >
          {item.wajib ? `${item.label} *` : item.label}
        </Checkbox>
      ))}
      {field.bantuan && (
        <Typography variant="pi" textColor="neutral600">
          {field.bantuan}
        </Typography>
      )}
    </Flex>
  );
};
