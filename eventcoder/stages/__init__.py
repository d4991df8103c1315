"""Pipeline stages, one module each, run in :data:`eventcoder.pipeline.STAGE_ORDER`."""
