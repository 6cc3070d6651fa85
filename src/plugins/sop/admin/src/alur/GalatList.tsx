import { Box, Flex, Typography } from '@strapi/design-system';

/** The reasons a definition cannot be activated, in the server's Indonesian words; nothing when there are none. */
export const GalatList = ({ galat, judul = 'Belum dapat diaktifkan:' }: { galat: string[]; judul?: string }) =>
  galat.length === 0 ? null : (
    <Box padding={3} hasRadius background="danger100" borderColor="danger200" data-testid="alur-galat" role="alert">
      <Typography fontWeight="bold" textColor="danger700">
        {judul}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="flex-start" gap={1} paddingTop={2}>
        {galat.map((pesan) => (
          <Typography key={pesan} tag="li" textColor="danger700">
            • {pesan}
          </Typography>
        ))}
      </Flex>
    </Box>
  );
