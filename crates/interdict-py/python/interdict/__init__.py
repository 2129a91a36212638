"""interdict: sanctions screening against the official lists (UN, OFAC, EU, UK, ...).

Load the lists once, then screen names, customer records, Arrow record batches and texts::

    from interdict import Screener
    screener = Screener.from_data_dir()          # lists imported with `interdict lists ...`
    screener = Screener.from_files(["consolidated.xml", "sdn.csv"])
    screener.screen("Hafiz Mohammed Saeed")      # results, best first, with explanations
    screener.screen({"name": "Hafiz Saeed", "dob": "1950", "country": "pk"})
    screener.screen_arrow(record_batch)          # a pyarrow.RecordBatch of results
    screener.scan("... donation for Jamaat ud Dawa flood relief ...")

A ``Screener`` can be shared by threads; screening releases the GIL.
"""

from ._interdict import DEFAULT_THRESHOLD, InterdictError, Screener, __version__

__all__ = ["DEFAULT_THRESHOLD", "InterdictError", "Screener", "__version__"]
