// `npm start`: runs the bot with the adapters the environment configures (the terminal shell by default).
import { createLogger } from './logging/logger.ts';
import { installDefectHandler } from './runtime/defect-handler.ts';
import { exitOnStartupProblem } from './runtime/fatal-start-error.ts';
import { loadStartConfig } from './runtime/start-config.ts';
import { startBot } from './runtime/start.ts';
import { withTerminalLogLevel } from './runtime/terminal-log-level.ts';

export async function main(): Promise<void> {
  let bot;
  try {
    const config = loadStartConfig();
    const logger = createLogger(withTerminalLogLevel(config, process.env, process));
    installDefectHandler(logger);
    bot = await startBot(config, logger, { handleSignals: true });
  } catch (error) {
    exitOnStartupProblem(error);
  }
  await bot.stopped;
  process.exit(0);
}

await main();
