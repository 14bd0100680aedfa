"""Enterprises & employment: charts across zones by metric, period and kind; growth; absolute or per km²."""

from pages._shared import topic
from pages._shared.filters import setup_page

page = setup_page("enterprises")
topic.render(page, "enterprises")
