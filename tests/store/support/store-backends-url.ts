// The URL of another database on the same PostgreSQL server (tests and benches create one each).
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
