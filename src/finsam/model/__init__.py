"""The model: the typed view of the documents that rules and every outlet read.

The loader reads files into documents (data and the positions of its values) without judging
them; this package turns what passed the schema into typed values — the förbund, the
application, budget rows and totals, decisions and grants per year, reports and their outcome,
the deadlines. Years are integers and dates are dates from here on. It imports only the base
and the loader, never the rules or an outlet.
"""
