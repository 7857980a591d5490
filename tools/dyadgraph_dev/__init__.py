"""Development tools for dyadgraph, kept out of the installed package.

Importable from the checkout (pytest's `pythonpath` and cog's `-I tools` put `tools/` on the
path): the Cypher linter's request and its cached runner (`lint`), the README's generated
sections (`docs`) and the seed paper's locators (`paper`).
"""
