"""Benchmarks of newsprint-exporter on a generated Chinese corpus (`make bench`)."""
