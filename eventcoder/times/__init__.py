"""Temporal expressions for the times stage: detection rules (:mod:`.grammar`), TIMEX3
normalization against the document creation time or the narrative (:mod:`.resolve`) and
calendar arithmetic / intervals (:mod:`.calendar`). The stage glue is
:mod:`eventcoder.stages.times`."""
