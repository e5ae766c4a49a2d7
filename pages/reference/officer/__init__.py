"""Page objects of the reference portal's back office (/can-bo): sign-in, queue, dossier."""
