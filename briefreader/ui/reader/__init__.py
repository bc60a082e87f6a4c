"""The reading screen: one brief's Article and side panes, and the flows the screen hands work to.

Modules load where they are used: this package imports none of them.
"""
