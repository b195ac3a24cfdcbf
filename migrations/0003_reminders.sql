-- Reminder and digest ledger.
SELECT 1;
