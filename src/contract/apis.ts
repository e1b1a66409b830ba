/** The stable ids of the operations and doc editions this suite knows, in listing order. */
export const apiIds = [
  'alibaba-smc/CreateReplicationJob@2019',
  'alibaba-smc/CreateReplicationJob@current',
  'huawei-dcs/CreateMigrationTask',
  'huawei-dcs/CreateOnlineMigrationTask',
] as const;

export type ApiId = (typeof apiIds)[number];

/** Whether `value` names a known API. */
export function isApiId(value: string): value is ApiId {
  return (apiIds as readonly string[]).includes(value);
}
