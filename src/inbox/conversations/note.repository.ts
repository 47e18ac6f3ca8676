import { Types, type Connection, type Model } from 'mongoose';
import type { Note } from '../inbox.types.js';
import { noteModel, type NoteDocument } from './note.model.js';

type StoredNote = NoteDocument & { _id: Types.ObjectId };

function toNote(doc: StoredNote): Note {
  return {
    id: String(doc._id),
    conversationId: doc.conversationId,
    contactId: doc.contactId,
    authorId: doc.authorId,
    text: doc.text,
    createdAt: doc.createdAt,
    expireAt: doc.expireAt,
  };
}

export class NoteRepository {
  private readonly notes: Model<NoteDocument>;

  constructor(db: Connection) {
    this.notes = noteModel(db);
  }

  async init(): Promise<void> {
    await this.notes.createIndexes();
  }

  async insert(note: Omit<Note, 'id'>): Promise<Note> {
    const doc = await this.notes.create(note);
    return toNote(doc.toObject() as StoredNote);
  }

  async ofConversation(conversationId: string): Promise<Note[]> {
    return (await this.notes.find({ conversationId }).sort({ createdAt: 1, _id: 1 }).lean<StoredNote[]>()).map(toNote);
  }

  async ofContact(contactId: string): Promise<Note[]> {
    return (await this.notes.find({ contactId }).sort({ createdAt: 1, _id: 1 }).lean<StoredNote[]>()).map(toNote);
  }

  async removeByContact(contactId: string): Promise<number> {
    return (await this.notes.deleteMany({ contactId })).deletedCount;
  }
}
