/**
 * Showing a picture (the timeline) in Slack. The PNG goes up through Slack's current
 * upload flow — files.getUploadURLExternal, the bytes to the URL it returns, then
 * files.completeUploadExternal (WebClient.filesUploadV2) — with no channel, so the file
 * stays private to the bot. The message then shows it with an image block that names the
 * file (`slack_file: { id }`): Slack requires only that whoever posts the blocks can see
 * the file, and the bot uploaded it. That one path serves an ephemeral reply (a response
 * URL cannot carry a file, but it can carry that block), a shared reply, a digest and the
 * App Home alike; and the digest stays a single chat.postMessage with its ledger id,
 * which is what keeps it exactly once (docs/slack.md, "Pictures").
 *
 * Any failure (the upload, or Slack refusing the block) sends the text version instead:
 * a picture is never the reason a reply is lost.
 */
import type { RespondFn } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Logger } from '../log.ts';
import type { Reply } from '../replies/reply.ts';
import { pictureBlocks, withoutPicture } from '../replies/timeline.ts';
import type { TimelinePicture } from '../timeline/render.ts';
import { sendReply } from './respond.ts';

/** An upload waits at most this long; the text version goes instead. */
const UPLOAD_TIMEOUT_MS = 20_000;

/**
 * The listener's client retries for half an hour (Bolt's default); a reply must not wait
 * that long for a picture, so uploads go through a client of the same token that tries once.
 */
function uploadClient(client: WebClient): WebClient {
  return new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    timeout: UPLOAD_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
  });
}

/** Uploads the PNG (private to the bot) and returns its file id. Throws on any failure. */
export async function uploadPicture(client: WebClient, picture: TimelinePicture): Promise<string> {
  const res = await uploadClient(client).filesUploadV2({
    file: picture.png,
    filename: picture.filename,
    title: picture.title,
    alt_text: picture.altText,
  });
  const completed = (res.files ?? []) as { files?: { id?: string }[] }[];
  const id = completed[0]?.files?.[0]?.id;
  if (!id) throw new Error('Slack completed the upload without a file id');
  return id;
}

/** Sends a reply through the response_url, with its picture when it has one and it can be shown. */
export async function sendWithPicture(client: WebClient, respond: RespondFn, reply: Reply, logger: Logger): Promise<boolean> {
  if (!reply.picture || reply.isError) return sendReply(respond, reply, logger);
  let fileId: string;
  try {
    fileId = await uploadPicture(client, reply.picture);
  } catch (error) {
    logger.warn('slack: picture upload failed; the text version goes instead', { error });
    return sendReply(respond, withoutPicture(reply), logger);
  }
  const { picture, ...rest } = reply;
  if (await sendReply(respond, { ...rest, blocks: pictureBlocks(picture, fileId) }, logger)) return true;
  return sendReply(respond, withoutPicture(reply), logger);
}
