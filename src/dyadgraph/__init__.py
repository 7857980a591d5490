"""dyadgraph: a graph database of bilateral (international) relations."""

__version__ = "0.1.0"
