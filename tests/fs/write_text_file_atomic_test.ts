import assert from "node:assert/strict";
import { writeTextFileAtomic } from "../../src/fs/write_text_file_atomic.ts";

Deno.test("writeTextFileAtomic() replaces a file whole and keeps its permissions", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/out.tsv`;
    await writeTextFileAtomic(path, "one\n");
    assert.equal(await Deno.readTextFile(path), "one\n");
    const umask = Deno.umask();
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o666 & ~umask);
    await Deno.chmod(path, 0o640);
    await writeTextFileAtomic(path, "two\n");
    assert.equal(await Deno.readTextFile(path), "two\n");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o640);
    assert.deepStrictEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["out.tsv"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeTextFileAtomic() leaves nothing behind when it fails", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // The target is a folder: the rename fails, the folder stays, the temporary file goes.
    await Deno.mkdir(`${dir}/taken`);
    await Deno.writeTextFile(`${dir}/taken/keep`, "x");
    await assert.rejects(() => writeTextFileAtomic(`${dir}/taken`, "data"), {
      name: "IsADirectory",
      message: new RegExp(`^Is a directory \\(os error 21\\): rename '.*' -> '${dir}/taken'$`),
    });
    assert.deepStrictEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["taken"]);
    assert.equal(await Deno.readTextFile(`${dir}/taken/keep`), "x");
    await assert.rejects(
      () => writeTextFileAtomic(`${dir}/missing/out.gff3`, "x"),
      Deno.errors.NotFound,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
