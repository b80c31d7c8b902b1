import { useFrameToken } from '../../lib/messaging/client';

/**
 * What the content script put in this frame's address (`#t=<token>&…`): the frame's token,
 * which every request carries so the background knows the frame is the one it made for its tab,
 * and the frame's own parameters. The page cannot read the address: the frame lives in a closed
 * shadow root, and its document is another origin.
 */
export function frameParams(): URLSearchParams {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('t');
  if (token) useFrameToken(token);
  return params;
}
