-- baktadb on PostgreSQL: the database and its roles. Run as a superuser (or a role with CREATEDB and
-- CREATEROLE) with psql, e.g.:
--
--   psql -h db.example -U postgres -v db=cohort -v owner_password=… -v writer_password=… \
--        -v reader_password=… -f docs/postgres_roles.sql
--
-- Roles:
--   baktadb_owner   owns the database and its tables; runs `baktadb init` / `baktadb migrate`
--   baktadb_writer  group role: imports, submits and syncs jobs, deletes (no schema changes)
--   baktadb_reader  group role: every query, figure, report and notebook; no writes
-- and three login roles that use them (rename them, add one per person: `create role alice login
-- password '…' in role baktadb_writer;`).
-- Tables and sequences created later by migrations (run as baktadb_owner) get the same grants
-- through the default privileges below.

create role baktadb_owner login password :'owner_password';
create role baktadb_writer nologin;
create role baktadb_reader nologin;
create role baktadb_curator login password :'writer_password' in role baktadb_writer;
create role baktadb_analyst login password :'reader_password' in role baktadb_reader;

create database :"db" owner baktadb_owner;
\connect :"db"

revoke all on database :"db" from public;
grant connect on database :"db" to baktadb_writer, baktadb_reader;
revoke create on schema public from public;
alter schema public owner to baktadb_owner;
grant usage on schema public to baktadb_writer, baktadb_reader;

-- What exists already (after a `baktadb copy` run as baktadb_owner, for example) …
grant select, insert, update, delete on all tables in schema public to baktadb_writer;
grant usage, select, update on all sequences in schema public to baktadb_writer;
grant select on all tables in schema public to baktadb_reader;
-- … except the job secrets: readers may list jobs but not read `jobs.secret` (migration 0007
-- narrows the grant again for tables its migrations create).
do $$
begin
  if to_regclass('public.jobs') is not null then
    revoke select on public.jobs from baktadb_reader;
    execute (
      select 'grant select (' || string_agg(quote_ident(column_name), ', ') ||
        ') on public.jobs to baktadb_reader'
      from information_schema.columns
      where table_schema = 'public' and table_name = 'jobs' and column_name <> 'secret'
    );
  end if;
end
$$;
-- … and what the owner's migrations create from now on.
alter default privileges for role baktadb_owner in schema public
  grant select, insert, update, delete on tables to baktadb_writer;
alter default privileges for role baktadb_owner in schema public
  grant usage, select, update on sequences to baktadb_writer;
alter default privileges for role baktadb_owner in schema public
  grant select on tables to baktadb_reader;
