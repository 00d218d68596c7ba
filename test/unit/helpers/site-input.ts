import type { SiteFieldsInput } from '../../../electron/core/sites/site-schema';

/** A valid 区分A site (grid-connected, selling surplus, remotely monitored); override what a test needs. */
export function siteInput(overrides: Partial<SiteFieldsInput> = {}): SiteFieldsInput {
  return {
    name: '第一太陽光発電所',
    address: '千葉県千葉市中央区1-1',
    ownerName: '株式会社テスト',
    contractorName: '電気保安法人テスト',
    region: 'kanto',
    receivingVoltageV: 6600,
    generationCapacityKw: 1500,
    gridConnected: true,
    reversePowerFlow: true,
    hasRemoteMonitoring: true,
    hasControlSystem: false,
    installationType: 'existing',
    lastSystemChangeDate: null,
    ...overrides,
  };
}
