/** BSON element type bytes, shared by the engine's own reader and writer. */
export const enum BsonType {
  Double = 0x01,
  String = 0x02,
  Document = 0x03,
  Array = 0x04,
  Binary = 0x05,
  ObjectId = 0x07,
  Boolean = 0x08,
  Date = 0x09,
  Null = 0x0a,
  Int32 = 0x10,
  Timestamp = 0x11,
  Int64 = 0x12,
}

export const TWO_TO_32 = 4294967296;
