"""The public site: the reader, paragraph pages, exports, Akoma Ntoso, preview cards, feeds,
sitemaps and the browse pages (home, sessions, sponsors). Reads documents; writes nothing."""
