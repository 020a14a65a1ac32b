package jixiao.model;

/**
 * A qualitative indicator placed in a tier, and why (the words the report shows). Rules insert it, then score the
 * indicator within the tier's band.
 */
public record TierAssignment(Indicator indicator, Tier tier, String basis) {
}
