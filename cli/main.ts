/** plan-ledger command line: dispatches to one module per subcommand. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  parse: () => import("./command.parse"),
  workbook: () => import("./command.workbook"),
  check: () => import("./command.check"),
  export: () => import("./command.export"),
  report: () => import("./command.report"),
  split: () => import("./command.split"),
  merge: () => import("./command.merge"),
};

const USAGE = `用法 Usage: plan-ledger <command> [options]
  parse [FILE] [--json]    解析目标任务分解方案 (parse a plan; default: the embedded plan)
  workbook [--plan FILE] --out FILE.xlsx [--demo]   生成台账工作簿 (write the ledger workbook; --update FILE.xlsx revises a filled one)
  check --workbook FILE [--quarter N] [--json]   检查填报 (list every problem as Sheet!Cell: message)
  export --workbook FILE [--quarter N] --json    导出台账与得分 (the Ledger and its scores as JSON)
  report --workbook FILE --quarter N --out DIR [--units all|NAME,...] [--lang zh|en]   季度报告与单位评分卡 PDF (quarterly summary + unit scorecards)
  split --workbook MASTER.xlsx --quarter N --out DIR [--units all|NAME,...] [--deadline YYYY-MM-DD]   分发单位填报表 (one workbook per unit)
  merge --workbook MASTER.xlsx FILE... [--dry-run] [--out NEW.xlsx]   回收汇总 (merge returned unit workbooks into the master)`;

/**
 * `plan-ledger check … | head`: once the reader of our output has gone, the rest of the output has
 * nowhere to go and nobody to see an error. End quietly with exit 0, as cat and grep do.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = process.exit): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") exit(0);
    else throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`plan-ledger: 未知命令 "${name}" (unknown command)\n${USAGE}\n`);
    return 1;
  }
  const { run } = await load();
  return guarded(name, run, rest);
}

/** Runs a command; an exception that escapes it becomes one line on stderr and exit code 1. */
export async function guarded(name: string, run: Command, args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    // Commands report bad input themselves; anything that still escapes is a bug or an environment
    // problem (disk full, permissions): one line for users, the stack only when asked for.
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EPIPE") return 0; // the output's reader has gone (see endQuietlyOnClosedPipe)
    process.stderr.write(`plan-ledger ${name}: 意外错误 (unexpected error): ${err.code ? `${err.code} ` : ""}${err.message}\n`);
    if (process.env.PLAN_LEDGER_DEBUG) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write("设置 PLAN_LEDGER_DEBUG=1 可查看详细信息 (set PLAN_LEDGER_DEBUG=1 for details)\n");
    return 1;
  }
}
