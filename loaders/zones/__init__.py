"""Zones: zone names in a report and which zone each offset is about."""
