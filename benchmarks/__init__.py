"""Measuring tools of the suite (``make bench``): the bare flows the suite is compared with."""
