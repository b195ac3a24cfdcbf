-- Whether a channel's weekly digest carries the timeline picture (`subscribe … picture=off`
-- turns it off). Existing subscriptions get it, as new ones do.
ALTER TABLE subscription ADD COLUMN picture boolean NOT NULL DEFAULT true;
