"""Page objects of the payment platform's hosted pages (our mock, or a staging platform)."""
