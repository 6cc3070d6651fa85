import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

const toDataUri = (svg: string): string => `data:image/svg+xml;base64,${window.btoa(unescape(encodeURIComponent(svg)))}`;

/** The SOP's diagram with the current tahap marked (`GET /sop/diagram/:model?tahap=`); nothing when it cannot be had. */
export const DiagramAlur = ({ model, tahap, tahapLabel }: { model: string; tahap: string; tahapLabel: string }) => {
  const { get } = useFetchClient();
  const [svg, setSvg] = React.useState<string | null>(null);
  React.useEffect(() => {
    let active = true;
    get<string>(`/sop/diagram/${model}?tahap=${encodeURIComponent(tahap)}`, { responseType: 'text' }).then(
      (response) => active && setSvg(response.data),
      () => active && setSvg(null)
    );
    return () => {
      active = false;
    };
  }, [get, model, tahap]);
  if (!svg) return null;
  return (
    <Box>
      <Typography variant="sigma">Alur SOP</Typography>
      <img src={toDataUri(svg)} alt={`Diagram alur SOP, tahap sekarang: ${tahapLabel}`} style={{ width: '100%' }} />
    </Box>
  );
};
