// Every test file gets a working IndexedDB; each test opens a database with a fresh name.
import 'fake-indexeddb/auto';
