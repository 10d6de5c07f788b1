import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
let t0 = Date.now();
const db = await PGlite.create({ extensions: { pg_trgm, btree_gist } });
console.log('start ms', Date.now() - t0);
await db.exec('create extension pg_trgm; create extension btree_gist; create table t(id bigserial, d date)');
t0 = Date.now();
const dump = await db.dumpDataDir('none');
console.log('dump ms', Date.now() - t0, dump.size);
t0 = Date.now();
const db2 = await PGlite.create({ extensions: { pg_trgm, btree_gist }, loadDataDir: dump });
console.log('load ms', Date.now() - t0, (await db2.query('select count(*) from t')).rows);
t0 = Date.now();
const db3 = await PGlite.create({
  dataDir: '/tmp/pgltest' + Date.now(),
  extensions: { pg_trgm, btree_gist },
});
console.log('file ms', Date.now() - t0);
t0 = Date.now();
for (let i = 0; i < 2000; i++) await db3.query('select 1');
console.log('2000 q ms', Date.now() - t0);
