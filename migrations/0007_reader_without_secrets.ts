/**
 * Read-only roles never see job secrets (PostgreSQL). `docs/postgres_roles.sql` gives the reader
 * role `select` on every table the owner's migrations create, `jobs` included, and `jobs.secret`
 * is what lets anyone fetch or delete a job's results from the Bakta service. This migration
 * takes the table-wide `select` on `jobs` from every role that may read but not write it and
 * gives back `select` on every column but `secret`; writers (who run `sync`) keep the secret.
 * SQLite has no roles: a no-op there (the file itself is created 0600).
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";

/** Narrows the readers of `jobs` to the columns without the secret. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`
    do $$
    declare
      reader record;
      visible text;
    begin
      select string_agg(quote_ident(column_name), ', ' order by ordinal_position) into visible
        from information_schema.columns
        where table_schema = current_schema() and table_name = 'jobs' and column_name <> 'secret';
      for reader in
        select distinct grantee from information_schema.role_table_grants
          where table_schema = current_schema() and table_name = 'jobs'
            and privilege_type = 'SELECT' and grantee <> current_user
        except
        select distinct grantee from information_schema.role_table_grants
          where table_schema = current_schema() and table_name = 'jobs'
            and privilege_type in ('INSERT', 'UPDATE')
      loop
        execute format('revoke select on jobs from %I', reader.grantee);
        execute format('grant select (%s) on jobs to %I', visible, reader.grantee);
      end loop;
    end
    $$`.execute(db);
}

/** Gives the readers of `jobs`' columns the whole table again. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`
    do $$
    declare
      reader record;
    begin
      for reader in
        select distinct grantee from information_schema.column_privileges
          where table_schema = current_schema() and table_name = 'jobs' and column_name = 'id'
            and privilege_type = 'SELECT' and grantee <> current_user
      loop
        execute format('grant select on jobs to %I', reader.grantee);
      end loop;
    end
    $$`.execute(db);
}
