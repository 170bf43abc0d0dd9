/**
 * Which catalog channels the platform itself serves, read from their Chinese names the same way
 * everywhere: the screen's playlist default, proof of posting and the warnings at submission.
 */

/** A bulletin board, paper or electronic: the screen plays it and its play log is evidence for it. */
export const SCREEN_CHANNEL = /电子屏|公开栏|公示栏|宣传栏/;
/** Pushes to residents who subscribed. */
export const PUSH_CHANNEL = /精准推送/;
/** A chat group reached by a registered robot (WeCom, DingTalk, Feishu). */
export const GROUP_CHANNEL = /微信群|企业微信|钉钉|飞书|居民群|业主群|工作群/;

export const isScreenChannel = (name: string): boolean => SCREEN_CHANNEL.test(name);

/** Does an item with these channels go on the screen unless staff take it off? */
export function screenByDefault(requiredChannels: string[]): boolean {
  return requiredChannels.some(isScreenChannel);
}
