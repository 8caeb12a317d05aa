import { installSubscribers } from '../src/lib/server/events/subscribers';

installSubscribers();
