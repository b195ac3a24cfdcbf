/**
 * Replies that carry the timeline picture. The words come from timeline/labels.ts; the
 * text version (the list of running clocks) is what `status` shows, so a picture that
 * cannot be shown loses nothing.
 */
import { mrkdwn, plain } from '../core/mrkdwn.ts';
import { timelineWords, type TimelineLocale } from '../timeline/labels.ts';
import type { TimelinePicture } from '../timeline/render.ts';
import { context, image, infoReply, reply, type Block, type Reply } from './reply.ts';

/** A reply showing `picture`, with `list` as its text version. */
export function timelineReply(picture: TimelinePicture, list: Reply, today: string, dealCode: string | undefined, locale?: TimelineLocale): Reply {
  const words = timelineWords(locale);
  return { ...reply(mrkdwn`${words.replyText(picture.shown, picture.total, today, dealCode)}`, list.blocks), picture };
}

export function emptyTimelineReply(dealCode: string | undefined, locale?: TimelineLocale): Reply {
  return infoReply(mrkdwn`${timelineWords(locale).empty(dealCode)}`);
}

/** The blocks that show an uploaded picture: the image and a line of what it shows. */
export function pictureBlocks(picture: TimelinePicture, fileId: string): Block[] {
  return [image(fileId, plain`${picture.title}`, picture.altText), context(mrkdwn`${picture.altText}`)];
}

/** The text version of a picture reply, with a line saying why the picture is missing. */
export function withoutPicture(r: Reply): Reply {
  const { picture, ...rest } = r;
  return { ...rest, blocks: [...r.blocks, context(mrkdwn`${timelineWords(picture?.locale).uploadFailed}`)] };
}

/** What the shell and CLI print after writing the picture to a file. */
export function pictureWritten(path: string, picture: TimelinePicture): Reply {
  return infoReply(mrkdwn`${timelineWords(picture.locale).wroteFile(path, picture.total)}`);
}
