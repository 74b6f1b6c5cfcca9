// What the extension adds to the server's commands (kept apart from extension.ts so that the
// tests run it against the real server without VS Code, test/server.test.mjs):
// - `wegwijzer.addWaiver` from the code action carries only the ruleset's uri and the finding's
//   id: the reason, the expiry date and who accepts it are asked first, and nothing is sent when
//   the author cancels;
// - `wegwijzer.explainCase` returns Markdown that is shown as a document.
import { completeWaiverArguments, WaiverPrompts } from './config';

export interface CommandUi {
  prompts: WaiverPrompts;
  showExplanation(decision: string, result: unknown): Promise<void>;
  today(): Date;
}

export type Next = (command: string, args: unknown[]) => Promise<unknown>;

/** The `executeCommand` middleware of the language client. */
export function executeCommandMiddleware(ui: CommandUi) {
  return async (command: string, args: unknown[], next: Next): Promise<unknown> => {
    if (command === 'wegwijzer.addWaiver') {
      const complete = await completeWaiverArguments(args, ui.prompts, ui.today());
      if (complete === undefined) {
        return undefined; // cancelled by the author
      }
      return next(command, complete);
    }
    if (command === 'wegwijzer.explainCase') {
      const result = await next(command, args);
      await ui.showExplanation(String(args[1] ?? ''), result);
      return result;
    }
    return next(command, args);
  };
}
