import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const glossaryTermSchema = new Schema(
  {
    lang: { type: String, required: true },
    term: { type: String, required: true },
    /** The term folded to lower case: one entry per term and language whatever the case it was typed in. */
    termKey: { type: String, required: true },
    rendering: { type: String, required: true },
    note: String,
    createdBy: { type: String, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'glossary_terms', versionKey: false, timestamps: true },
);
glossaryTermSchema.index({ lang: 1, termKey: 1 }, { unique: true });

export type GlossaryTermDocument = InferSchemaType<typeof glossaryTermSchema>;

export function glossaryTermModel(db: Connection): Model<GlossaryTermDocument> {
  return (db.models.GlossaryTerm as Model<GlossaryTermDocument> | undefined) ?? db.model<GlossaryTermDocument>('GlossaryTerm', glossaryTermSchema);
}
