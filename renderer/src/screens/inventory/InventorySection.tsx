import './inventory.css';
import { DeviceDetailScreen } from './DeviceDetailScreen';
import { InventoryCheckScreen } from './InventoryCheckScreen';
import { InventoryImportScreen } from './InventoryImportScreen';
import { InventoryListScreen } from './InventoryListScreen';

/** The site's inventory tab (8-2-1): the list, a device, the import and the existence check as its pages. */
export function InventorySection({ siteId, rest }: { siteId: string; rest: string[] }) {
  switch (rest[0] ?? '') {
    case 'import':
      return <InventoryImportScreen siteId={siteId} />;
    case 'check':
      return <InventoryCheckScreen siteId={siteId} />;
    case 'device':
      return rest[1] ? <DeviceDetailScreen siteId={siteId} deviceId={rest[1]} /> : <InventoryListScreen siteId={siteId} />;
    default:
      return <InventoryListScreen siteId={siteId} />;
  }
}
