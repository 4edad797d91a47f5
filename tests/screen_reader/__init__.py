"""Tests with a real screen reader (Orca); `make screen-reader-test` runs them."""
