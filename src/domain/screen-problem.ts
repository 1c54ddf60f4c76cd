/**
 * What a person reads when a screen cannot be shown (src/app/route-error-boundary.tsx): what happened, that their
 * data is safe, and what to do. Pure, so the words are tested without a browser.
 */

export interface ScreenProblemInput {
  /** `code-not-loaded`: the screen's code is neither on this device nor reachable; `crashed`: it failed while showing. */
  kind: 'code-not-loaded' | 'crashed';
  online: boolean;
  /** The screen's name ("planning"), when known. */
  screen: string | null;
}

export interface ScreenProblem {
  kind: ScreenProblemInput['kind'];
  title: string;
  explanation: string;
  /** A reload can help (online: it fetches the current version of the app); offline it could lose the page. */
  offerReload: boolean;
}

export function screenProblem(input: ScreenProblemInput): ScreenProblem {
  const which = input.screen ? `the ${input.screen} screen` : 'this screen';
  if (input.kind === 'code-not-loaded') {
    if (!input.online) {
      return {
        kind: input.kind,
        title: 'This screen is not available offline yet',
        explanation: `This device is offline, and ${which} was not yet stored on it for offline use. Nothing you saved is lost. Connect to the internet and press Try again, or go back to the start page.`,
        offerReload: false,
      };
    }
    return {
      kind: input.kind,
      title: 'This screen could not be loaded',
      explanation: `InterQ could not fetch ${which} from the server: the connection may have dropped, or InterQ was updated meanwhile. Nothing you saved is lost. Press Try again; if that does not help, reload InterQ.`,
      offerReload: true,
    };
  }
  return {
    kind: input.kind,
    title: 'Something went wrong on this screen',
    explanation: `InterQ hit an error it did not expect while showing ${which}. Nothing you saved is lost: it is kept on this device. Press Try again, or go back to the start page; if it happens again, tell technical support what you were doing (the details are below).`,
    offerReload: input.online,
  };
}
