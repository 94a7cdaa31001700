//! Hand-written cases beside the data-driven suite.
