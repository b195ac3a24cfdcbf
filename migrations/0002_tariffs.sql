-- Tariff regimes and import baselines (time-versioned), with their sources.
SELECT 1;
