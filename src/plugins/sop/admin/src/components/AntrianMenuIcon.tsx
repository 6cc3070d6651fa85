import { Box } from '@strapi/design-system';
import { BulletList } from '@strapi/icons';
import { useAntrian } from './antrian';

/**
 * The menu icon of "Antrian Saya" with the number of records waiting for this user: Strapi's
 * menu links take a fixed `notificationsCount`, so the count is drawn by the icon itself.
 */
export const AntrianMenuIcon = (props: { width?: string; height?: string; fill?: string }) => {
  const { jumlah } = useAntrian();
  return (
    <Box position="relative" tag="span" style={{ display: 'inline-flex' }}>
      <BulletList {...props} />
      {jumlah > 0 && (
        <span
          data-testid="antrian-jumlah"
          aria-label={`${jumlah} naskah menunggu`}
          style={{
            position: 'absolute',
            top: '-0.7rem',
            right: '-1rem',
            minWidth: '1.6rem',
            padding: '0 0.3rem',
            borderRadius: '0.8rem',
            background: '#d02b20',
            color: '#fff',
            fontSize: '1rem',
            lineHeight: '1.6rem',
            textAlign: 'center',
            fontWeight: 600,
          }}
        >
          {jumlah > 99 ? '99+' : jumlah}
        </span>
      )}
    </Box>
  );
};
