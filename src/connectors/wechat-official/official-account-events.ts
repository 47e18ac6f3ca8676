/** A follower followed or unfollowed the account. */
export interface FollowerEvent {
  kind: 'follow' | 'unfollow';
  account: string;
  openid: string;
  at: Date;
  /** The language a new follower starts in: the account's first. */
  language: string;
}

/** WeChat's report on a mass send (`MASSSENDJOBFINISH`): how many followers it reached. */
export interface MassSendReport {
  account: string;
  /** When WeChat posted it. */
  at: Date;
  msgId: string;
  status: string;
  total: number;
  sent: number;
  errors: number;
}
