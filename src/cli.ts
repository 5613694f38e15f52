/**
 * Headless entry: `npm run --silent srnn -- "<query>" [--full] [--help]`.
 * Parses the query with the same strict schema as every other entry, runs the pipeline, prints the
 * JSON document on stdout and exits 0. Bad input: one line on stderr naming the field and its
 * allowed range, exit 2. A failure inside the run: one line on stderr, exit 1. Never a stack trace.
 */
import { parseQuery } from './config/query';
import { runPipeline } from './core/pipeline';
import { helpText } from './node/help';
import { resultToJson } from './node/resultJson';

function fail(code: number, message: string): never {
  process.stderr.write(`srnn: ${message.split('\n')[0]}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const flags = argv.filter((a) => a.startsWith('--'));
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (flags.includes('--help')) {
    process.stdout.write(helpText() + '\n');
    return;
  }
  const unknownFlag = flags.find((f) => f !== '--full');
  if (unknownFlag) fail(2, `unknown option '${unknownFlag}' (options: --full, --help)`);
  if (positional.length > 1)
    fail(2, `expected one query string, got ${positional.length} arguments`);
  const { config, errors } = parseQuery(positional[0] ?? '', 'strict');
  if (errors.length > 0) fail(2, errors[0].message);
  let result;
  try {
    result = runPipeline(config);
  } catch (e) {
    fail(1, `run failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.stdout.write(JSON.stringify(resultToJson(result, flags.includes('--full'))) + '\n');
}

main(process.argv.slice(2));
