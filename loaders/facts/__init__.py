"""Facts: every figure read against its wording into metric, kind, period and scope."""
