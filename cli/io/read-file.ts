/** Reading a file the user named (plan or workbook), with the one message for a file that cannot be read. */
import { readFile } from "node:fs/promises";

export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileReadError";
  }
}

/** The file's bytes; throws FileReadError naming the file (not found, a directory, no permission …). */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileReadError(
      code === "ENOENT"
        ? `文件不存在：${path} (file not found)`
        : code === "EISDIR"
          ? `这是一个目录，不是文件：${path} (is a directory)`
          : `无法读取文件：${path} (cannot read file: ${code ?? "error"})`,
    );
  }
}
